namespace MikroNet.Features.Clients.ListClients;

public static class Sql
{
    /// <summary>Every client that is not deleted, in id order, each as the JSON of <see cref="ClientView"/> (UTF-8).</summary>
    public static readonly string Clients = $"""
        SELECT convert_to({ClientJson.Of("c")}::text, 'UTF8')
        FROM clients c
        WHERE c.deleted_at IS NULL
        ORDER BY c.id
        """;
}
