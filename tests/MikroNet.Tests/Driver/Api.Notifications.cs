using MikroNet.Features.Common;
using MikroNet.Features.Notifications.ClientNotifications;
using MikroNet.Features.Notifications.Templates;
using Preview = MikroNet.Features.Notifications.Templates.PreviewTemplate;
using UpdateTemplate = MikroNet.Features.Notifications.Templates.UpdateTemplate;

namespace MikroNet.Tests.Driver;

public sealed partial class Api
{
    public Task<ApiResponse<Envelope<List<NotificationView>>>> ClientNotificationsAsync(int clientId) =>
        SendAsync<Envelope<List<NotificationView>>>(HttpMethod.Get, $"/client/{clientId}/notifications");

    public Task<ApiResponse<Envelope<List<TemplateView>>>> TemplatesAsync() =>
        SendAsync<Envelope<List<TemplateView>>>(HttpMethod.Get, "/notification-templates");

    public Task<ApiResponse<Envelope<TemplateView>>> PutTemplateAsync(string e, string channel, string lang, string? subject,
        string? body) =>
        SendAsync<Envelope<TemplateView>>(HttpMethod.Put, $"/notification-templates/{e}/{channel}/{lang}",
            new UpdateTemplate.Request { Subject = subject, Body = body });

    public Task<ApiResponse<Envelope<Preview.Response>>> PreviewTemplateAsync(Preview.Request request) =>
        SendAsync<Envelope<Preview.Response>>(HttpMethod.Post, "/notification-templates/preview", request);
}
