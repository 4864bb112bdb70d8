using MikroNet.Tests.Fixtures;

namespace MikroNet.Tests.Clients;

/// <summary>Shortcuts for the client tests: a router to attach clients to, and a valid registration body.</summary>
internal static class ClientApi
{
    public static async Task<int> RouterAsync(this AppFixture app, string name)
    {
        var (_, body) = await app.AdminAsync(HttpMethod.Post, "/routers",
            new { name, host = "127.0.0.1", username = "api", password = "router-pass" });
        return body.GetProperty("data").GetProperty("router_id").GetInt32();
    }

    public static Dictionary<string, object?> ValidClient(int routerId, string secret) => new()
    {
        ["name"] = "Budi Santoso",
        ["phone_number"] = "+62 812-3456-7890",
        ["address"] = "Jl. Merdeka 1, Bandung",
        ["ppp_secret_name"] = secret,
        ["ppp_password"] = "ppp-pass-1",
        ["router_id"] = routerId,
    };

    public static async Task<int> RegisterClientAsync(this AppFixture app, int routerId, string secret)
    {
        var (_, body) = await app.AdminAsync(HttpMethod.Post, "/client/register", ValidClient(routerId, secret));
        return body.GetProperty("data").GetProperty("client_id").GetInt32();
    }
}
