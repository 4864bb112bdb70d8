using System.Threading.RateLimiting;
using FastEndpoints;
using MikroNet.Features.Billing;
using MikroNet.Features.Common;
using MikroNet.Features.Documents;
using MikroNet.Features.Notifications;
using MikroNet.Features.Payments;
using MikroNet.Features.Provisioning;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Microsoft.Extensions.Primitives;

namespace MikroNet.Features;

public static class FeaturesExtensions
{
    public static IHostApplicationBuilder AddFeatures(this IHostApplicationBuilder builder)
    {
        // Only this assembly: scanning every referenced one loaded all their types (PdfSharp, MailKit, Fluid …) at start.
        builder.Services.AddFastEndpoints(o =>
        {
            o.DisableAutoDiscovery = true;
            o.Assemblies = [typeof(FeaturesExtensions).Assembly];
        });
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddBilling();
        builder.Services.AddProvisioning();
        builder.Services.AddDocuments();
        builder.Services.AddPayments();
        builder.Services.AddNotifications();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Auth.Login.Endpoint.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.LoginPermitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                }));
            o.OnRejected = (context, ct) => new ValueTask(Results.Problem(
                detail: "Too many login attempts; wait a minute before trying again.",
                statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext));
        });
        builder.Services.AddSingleton<IProblemDetailsService, ProblemWriter>();
        return builder;
    }

    public static WebApplication UseFeatures(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseFastEndpoints(c =>
        {
            Json.Configure(c.Serializer.Options);
            c.Endpoints.Configurator = Roles.ApplyDefault;
            c.Validation.UsePropertyNamingPolicy = true;
            c.Binding.UsePropertyNamingPolicy = true;
            // Query and route values (GET /invoices/generate?as_of=2026-12-20) are ISO dates like the JSON ones.
            c.Binding.ValueParserFor<LocalDate>(ParseLocalDate);
            c.Binding.ValueParserFor(typeof(LocalDate?), ParseLocalDate);
            c.Binding.ValueParserFor<Instant>(ParseInstant);
            c.Binding.ValueParserFor(typeof(Instant?), ParseInstant);
            c.Binding.JsonExceptionTransformer = JsonErrors.ToFailure;
            c.Binding.FailureMessage = (type, _, _) => BindingFailure(type);
            c.Errors.ContentType = Problem.MediaType;
            c.Errors.ProducesMetadataType = typeof(Problem);
            c.Errors.GeneralErrorsField = Problem.GeneralErrors;
            c.Errors.ResponseBuilder = Problem.FromFailures;
        });
        return app;
    }

    /// <summary>A route or query value that does not parse; in words, without CLR type names.</summary>
    private static string BindingFailure(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(LocalDate) => "must be a date written yyyy-MM-dd.",
        var t when t == typeof(Instant) => "must be an instant written yyyy-MM-ddTHH:mm:ssZ.",
        var t when t == typeof(bool) => "must be true or false.",
        var t when t == typeof(int) || t == typeof(long) => "must be a whole number in range.",
        _ => "has the wrong format.",
    };

    private static ParseResult ParseInstant(StringValues input)
    {
        var result = InstantPattern.ExtendedIso.Parse(input.ToString());
        return new ParseResult(result.Success, result.Success ? result.Value : null);
    }

    private static ParseResult ParseLocalDate(StringValues input)
    {
        var result = LocalDatePattern.Iso.Parse(input.ToString());
        return new ParseResult(result.Success, result.Success ? result.Value : null);
    }
}
