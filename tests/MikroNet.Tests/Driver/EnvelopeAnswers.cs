using MikroNet.Features.Common;

namespace MikroNet.Tests.Driver;

public static class EnvelopeAnswers
{
    /// <summary>The <c>data</c> of a <c>{ message, data }</c> answer, read straight from the response.</summary>
    extension<T>(ApiResponse<Envelope<T>> response)
    {
        public T Data => response.Body.Data;
    }
}
