namespace MikroNet.Infrastructure.Persistence;

/// <summary>Work done by a background lane on behalf of requests (<see cref="ReadBatches"/>, <see cref="SharedTransactions"/>).</summary>
internal static class Contexts
{
    /// <summary>
    /// Starts the work in a request's captured context, so its database span is a child of that request's trace (the
    /// other requests served by the same work have none).
    /// </summary>
    public static Task RunIn(ExecutionContext? context, Func<Task> work)
    {
        if (context is null) return work();
        Task started = null!;
        ExecutionContext.Run(context, _ => started = work(), null);
        return started;
    }
}
