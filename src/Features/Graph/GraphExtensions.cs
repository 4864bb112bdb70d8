using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using MikroNet.Features.Graph.Http;
using MikroNet.Features.Graph.Live;
using MikroNet.Infrastructure.Persistence.Notifications;
using MikroNet.Features.Graph.Loading;
using MikroNet.Features.Graph.Scalars;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace MikroNet.Features.Graph;

public static class GraphExtensions
{
    public static IHostApplicationBuilder AddGraph(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<GraphLoaders>();
        builder.Services.AddSingleton<DocumentCache>();
        builder.Services.AddSingleton<ExecutionSlots>();
        builder.Services.AddSingleton<GraphRules>();
        builder.Services.AddSingleton<LiveHub>();
        builder.Services.AddSingleton<SocketAuthentication>();
        builder.Services.AddSingleton<LiveEvents>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveEvents>());
        builder.Services.AddSingleton<IDatabaseListener>(sp => sp.GetRequiredService<LiveEvents>());
        builder.Services.AddScoped<NotificationLoaders>();
        builder.Services.AddGraphQL(b => b
            .AddSchema<GraphSchema>()
            .AddGraphTypes(typeof(GraphSchema).Assembly)
            .AddSystemTextJson()
            .AddErrorInfoProvider<GraphErrors>()
            // The role rule and the complexity analyzer are GraphRules': requests choose their rules there (a cached
            // document skips what it has proved), and an execution that chooses none gets every rule.
            .ConfigureExecutionOptions(o => o.ValidationRules ??= o.RequestServices!.GetRequiredService<GraphRules>().All)
            .ConfigureSchema(s =>
            {
                s.RegisterTypeMapping<LocalDate, LocalDateGraphType>();
                s.RegisterTypeMapping<Instant, InstantGraphType>();
            })
            // Resolvers share the request's DbContext, which allows one command at a time; batch loaders keep the
            // number of statements low, so running fields one by one costs little.
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            // A subscription's events are rendered by GraphSocket, one execution per event with the changed row as the
            // root value, like a query: GraphQL.NET's own stream strategy would render every event in the one scope
            // of the subscribe message (loaders caching across events, one DbContext for all).
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Subscription)
            .AddUnhandledExceptionHandler(context =>
                context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("MikroNet.Graph")
                    .LogError(context.OriginalException, "GraphQL field {Field} failed", context.FieldContext?.FieldDefinition.Name)));
        return builder;
    }

    /// <summary>`/graphql`: the endpoint, its WebSocket for subscriptions and, for browsers, Banana Cake Pop.</summary>
    public static WebApplication MapGraph(this WebApplication app)
    {
        app.Map("/graphql", branch =>
        {
            branch.UseWebSockets();
            branch.Use(async (http, next) =>
            {
                if (http.WebSockets.IsWebSocketRequest) await GraphSocket.HandleAsync(http);
                else await next(http);
            });
            branch.UseIdeFiles();
            branch.Run(GraphEndpoint.HandleAsync);
        });
        return app;
    }
}
