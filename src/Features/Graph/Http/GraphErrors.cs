using GraphQL;
using GraphQL.Execution;

namespace MikroNet.Features.Graph.Http;

/// <summary>
/// Every GraphQL error carries `extensions.code`, and nothing else of an exception: GraphQL.NET would derive codes
/// from exception type names (`NPGSQL`, `INVALID_OPERATION`) and list inner exceptions' codes and data.
/// A failure inside a resolver is `INTERNAL_SERVER_ERROR`; an error that names no code is `INVALID_REQUEST`.
/// </summary>
internal sealed class GraphErrors() : ErrorInfoProvider(new ErrorInfoProviderOptions
{
    ExposeCodes = false,
    ExposeData = false,
    ExposeExceptionDetails = false,
})
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        var extensions = info.Extensions is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(info.Extensions);
        extensions["code"] = executionError is UnhandledError ? "INTERNAL_SERVER_ERROR" : executionError.Code ?? "INVALID_REQUEST";
        return new ErrorInfo { Message = info.Message, Extensions = extensions };
    }
}
