using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MikroNet.RestBench;

/// <summary>The bench's REST calls: one admin, its token, and JSON in and out.</summary>
internal sealed class BenchApi(string url) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(url) };

    public string Token { get; private set; } = "";

    public async Task SignInAsync()
    {
        await _http.PostAsJsonAsync("/auth/register", new { username = "bench", password = "bench-password-1" });
        var login = await SendAsync(HttpMethod.Post, "/auth/login", new { username = "bench", password = "bench-password-1" });
        Token = login.GetProperty("token").GetString()!;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<string> GetTextAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public void Dispose() => _http.Dispose();
}
