using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MikroNet.Tests.Billing.Payments;

/// <summary>Work done in a request's scope, as if the request came from <see cref="Address"/> (audit rows carry it).</summary>
internal static class FromAddress
{
    public const string Address = "203.0.113.9";

    public static async Task<T> RunAsync<T>(IServiceProvider services, Func<IServiceScope, Task<T>> work)
    {
        using var scope = services.CreateScope();
        var http = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        http.HttpContext = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(Address) } };
        try
        {
            return await work(scope);
        }
        finally
        {
            http.HttpContext = null;
        }
    }
}
