using Shouldly;
using Xunit;

namespace MikroNet.Tests.Graph;

/// <summary>A host that executes one GraphQL request at a time (`GraphQL:MaxConcurrentExecutions` = 1).</summary>
public sealed class OneExecutionFixture : GraphFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [.. base.Settings(), new("GraphQL:MaxConcurrentExecutions", "1")];
}

/// <summary>
/// Executions take turns (Http/ExecutionSlots): many at once on one slot all answer, whether they succeed, fail
/// validation or fail while executing, so every turn is given back.
/// </summary>
public sealed class ExecutionSlotsTests(OneExecutionFixture app) : IClassFixture<OneExecutionFixture>
{
    [Fact]
    public async Task Graph_ManyAtOnceOnOneSlot_EachAnswersAndTheSlotIsFreeAfter()
    {
        string[] queries =
        [
            "{ clients(first: 50) { nodes { clientId subscriptions { invoices { payments { paymentId } } } } } }",
            "{ clients(first: 5) { nodes { noSuchField } } }",
            "{ client(clientId: 999999) { clientId } }",
            "{ plans { planId } }",
        ];

        (await app.QueryAsync(queries[3])).Status.ShouldBe(200);

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => app.QueryAsync(queries[i % queries.Length])));

        for (var i = 0; i < answers.Length; i++)
        {
            if (i % queries.Length == 1) answers[i].HasErrors.ShouldBeTrue();
            else answers[i].Status.ShouldBe(200, answers[i].Text);
        }
        answers[0].Text.ShouldContain("\"paymentId\"");
        (await app.QueryAsync(queries[3])).Status.ShouldBe(200);
    }
}
