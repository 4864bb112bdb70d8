using MikroNet.Features.Common;
using MikroNet.Features.Users;
using ChangePassword = MikroNet.Features.Auth.ChangePassword;
using SetPassword = MikroNet.Features.Users.SetPassword;
using UpdateUser = MikroNet.Features.Users.UpdateUser;

namespace MikroNet.Tests.Driver;

/// <summary>Users and their roles.</summary>
public sealed partial class Api
{
    public Task<ApiResponse<Envelope<Page<UserView>>>> ListUsersAsync(long? after = null, int? limit = null) =>
        SendAsync<Envelope<Page<UserView>>>(HttpMethod.Get, "/users" + Query(("after", after), ("limit", limit)));

    public Task<ApiResponse<Envelope<UserView>>> UpdateUserAsync(int userId, string? role = null, bool? disabled = null) =>
        SendAsync<Envelope<UserView>>(HttpMethod.Put, $"/users/{userId}",
            new UpdateUser.Request { Role = role, Disabled = disabled });

    public Task<ApiResponse<MessageOnly>> SetPasswordAsync(int userId, string password) =>
        SendAsync<MessageOnly>(HttpMethod.Post, $"/users/{userId}/password", new SetPassword.Request { Password = password });

    public Task<ApiResponse<MessageOnly>> ChangePasswordAsync(string current, string next) =>
        SendAsync<MessageOnly>(HttpMethod.Post, "/auth/password",
            new ChangePassword.Request { CurrentPassword = current, NewPassword = next });

    /// <summary>Registers a user with this role (as the admin) and answers its id.</summary>
    public async Task<int> AddUserAsync(string username, string password, string role) =>
        (await As(await AdminTokenAsync()).RegisterUserAsync(username, password, role)).Expect(201).Data.UserId;

    /// <summary>"?a=1&amp;b=2" of the values that are set; "" when none is.</summary>
    private static string Query(params (string Name, object? Value)[] values)
    {
        var set = values.Where(v => v.Value is not null).Select(v => $"{v.Name}={Uri.EscapeDataString(
            Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture)!)}").ToList();
        return set.Count == 0 ? "" : "?" + string.Join("&", set);
    }
}
