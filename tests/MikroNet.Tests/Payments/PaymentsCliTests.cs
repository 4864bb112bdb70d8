using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Payments.Reconcile;
using MikroNet.Infrastructure.Persistence.Entities;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Payments;

/// <summary>`payments reconcile` as cron runs it: the host executable in a process of its own, at the real clock.</summary>
public sealed class PaymentsCliTests(PaymentsFixture app) : IClassFixture<PaymentsFixture>
{
    [Fact]
    public async Task PaymentsReconcile_MissedSettlement_RecordsItOnceAndPrintsJson()
    {
        var invoice = await app.Api.OpenInvoiceAsync(175_000m);
        var link = (await app.Api.CreatePaymentLinkAsync(invoice, "midtrans")).Expect(201).Data;
        app.Gateways.SettleMidtrans(link.ExternalId, "mt-cli-1");

        var (exit, output) = await RunVerbAsync("payments", "reconcile", "--gateway", "midtrans");
        exit.ShouldBe(0, output);
        var report = JsonSerializer.Deserialize<ReconcileReport>(output, ApiJson.Answers)!;
        report.Paid.ShouldBe(1);
        (await RunVerbAsync("payments", "reconcile")).Exit.ShouldBe(0);

        await using var db = app.Db();
        (await db.Payments.CountAsync(p => p.InvoiceId == invoice)).ShouldBe(1);
        (await db.PaymentLinks.SingleAsync(l => l.InvoiceId == invoice)).Status.ShouldBe(PaymentLinkStatus.Paid);
        output.ShouldNotContain(FakeGateways.ServerKey);

        (await RunVerbAsync("payments", "reconcile", "--gateway", "paypal")).Exit.ShouldBe(2);
        (await RunVerbAsync("payments", "settle")).Exit.ShouldBe(2);
    }

    private async Task<(int Exit, string Output)> RunVerbAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Postgres"] = app.ConnectionString;
        start.Environment["Storage__DataDirectory"] = app.DataDirectory;
        start.Environment["Auth__SigningKey"] = "Y2xpLXRlc3RzLXNpZ25pbmcta2V5LXRoaXJ0eS10d28tYnl0ZXMtbG9uZy0xMjM0NTY=";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Payments__Midtrans__ServerKey"] = FakeGateways.ServerKey;
        start.Environment["Payments__Midtrans__SnapBaseUrl"] = app.Gateways.BaseUrl;
        start.Environment["Payments__Midtrans__ApiBaseUrl"] = app.Gateways.BaseUrl;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
