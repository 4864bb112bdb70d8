using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace MikroNet.Infrastructure.Telemetry;

/// <summary>
/// MikroNet's own metrics (meter <see cref="MeterName"/>; Prometheus names in docs/operations.md, "Metrics").
/// Counters move where the work happens; the gauges read <see cref="MetricsSnapshot"/>, which is refreshed from the
/// database right before each scrape, so a backlog is exact at the moment Prometheus asks.
/// </summary>
public sealed class MikroNetMetrics : IDisposable
{
    public const string MeterName = "MikroNet";

    private readonly Meter _meter;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _outboxDeliveries;
    private readonly Counter<long> _invoicesRaised;
    private readonly Counter<long> _payments;
    private readonly Counter<double> _paymentAmount;
    private readonly Counter<long> _gatewayEvents;
    private readonly Counter<long> _billingRuns;
    private readonly Histogram<double> _billingDuration;
    private readonly Histogram<int> _readBatchSize;
    private readonly Histogram<int> _sharedTransactionSize;
    private readonly ConcurrentDictionary<int, int> _reachable = new();

    public MikroNetMetrics(IMeterFactory meters, MetricsSnapshot snapshot)
    {
        _meter = meters.Create(MeterName);
        _deliveries = _meter.CreateCounter<long>("mikronet.router.deliveries", "{command}",
            "Router commands handled by the outbox worker, by router and result (done, retry, failed).");
        _outboxDeliveries = _meter.CreateCounter<long>("mikronet.outbox.deliveries", "{message}",
            "Outbox rows handled, by outbox table (router_commands, notifications) and result (done, retry, failed).");
        _invoicesRaised = _meter.CreateCounter<long>("mikronet.invoices.raised", "{invoice}", "Invoices raised by billing runs.");
        _payments = _meter.CreateCounter<long>("mikronet.payments", "{payment}", "Payments recorded, by method.");
        _paymentAmount = _meter.CreateCounter<double>("mikronet.payments.amount", "{currency}", "Money recorded, by method.");
        _gatewayEvents = _meter.CreateCounter<long>("mikronet.gateway.events", "{event}",
            "Payment gateway notifications received, by gateway and verdict (applied, ignored, rejected).");
        _billingRuns = _meter.CreateCounter<long>("mikronet.billing.runs", "{run}", "Daily billing runs, by result (success, failed).");
        _billingDuration = _meter.CreateHistogram<double>("mikronet.billing.run.duration", "s", "How long a daily billing run took.");
        _readBatchSize = _meter.CreateHistogram("mikronet.db.read_batch.size", "{statement}",
            "Reads sent to PostgreSQL in one round trip (client details, GraphQL's one-statement answers).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16] });
        _sharedTransactionSize = _meter.CreateHistogram("mikronet.db.shared_transaction.size", "{unit}",
            "Units of work (payments) committed in one shared transaction.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16] });
        _meter.CreateObservableGauge("mikronet.outbox.depth", () => snapshot.Routers.Select(r =>
            new Measurement<long>(r.Pending, Tags(r.RouterId, r.Name))), "{command}", "Router commands waiting to be delivered.");
        _meter.CreateObservableGauge("mikronet.outbox.oldest.age", () => snapshot.Routers.Select(r =>
            new Measurement<double>(r.OldestAgeSeconds, Tags(r.RouterId, r.Name))), "s",
            "Age of the oldest command waiting for each router (0 when none waits).");
        _meter.CreateObservableGauge("mikronet.outbox.failed", () => snapshot.Routers.Select(r =>
            new Measurement<long>(r.Failed, Tags(r.RouterId, r.Name))), "{command}", "Router commands refused for good.");
        _meter.CreateObservableGauge("mikronet.router.reachable", () => snapshot.Routers
            .Where(r => _reachable.ContainsKey(r.RouterId))
            .Select(r => new Measurement<int>(_reachable[r.RouterId], Tags(r.RouterId, r.Name))), "1",
            "1 when the last contact with the router (delivery or check) reached it, 0 when it did not.");
        _meter.CreateObservableGauge("mikronet.billing.last_success", () => snapshot.LastBillingSuccessUnixSeconds is { } t
            ? [new Measurement<double>(t)] : Array.Empty<Measurement<double>>(), "s",
            "When the last daily billing run finished (Unix time).");
    }

    public void RouterDelivered(int routerId, string result)
    {
        _deliveries.Add(1, new KeyValuePair<string, object?>("router_id", routerId), new KeyValuePair<string, object?>("result", result));
        _reachable[routerId] = result == "retry" ? 0 : 1;
    }

    public void OutboxDelivered(string queue, string result, int count) =>
        _outboxDeliveries.Add(count, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("result", result));

    public void RouterReached(int routerId, bool reached) => _reachable[routerId] = reached ? 1 : 0;

    public void InvoicesRaised(int count) => _invoicesRaised.Add(count);

    public void ReadBatchSent(int reads) => _readBatchSize.Record(reads);

    public void SharedTransactionSent(int units) => _sharedTransactionSize.Record(units);

    public void PaymentRecorded(string method, decimal amount)
    {
        var tag = new KeyValuePair<string, object?>("method", method);
        _payments.Add(1, tag);
        _paymentAmount.Add((double)amount, tag);
    }

    public void GatewayEvent(string gateway, string verdict) =>
        _gatewayEvents.Add(1, new KeyValuePair<string, object?>("gateway", gateway), new KeyValuePair<string, object?>("verdict", verdict));

    public void BillingRun(TimeSpan duration, bool success)
    {
        var tag = new KeyValuePair<string, object?>("result", success ? "success" : "failed");
        _billingRuns.Add(1, tag);
        _billingDuration.Record(duration.TotalSeconds, tag);
    }

    private static KeyValuePair<string, object?>[] Tags(int routerId, string name) =>
        [new("router_id", routerId), new("router", name)];

    public void Dispose() => _meter.Dispose();
}
