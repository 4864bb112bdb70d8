using MikroNet.Features.Audit;
using MikroNet.Features.Common;

namespace MikroNet.Tests.Driver;

/// <summary>The audit trail.</summary>
public sealed partial class Api
{
    /// <summary>GET /audit with the query given as is ("entity=client&amp;limit=5").</summary>
    public Task<ApiResponse<Envelope<Page<AuditView>>>> AuditAsync(string query = "") =>
        SendAsync<Envelope<Page<AuditView>>>(HttpMethod.Get, "/audit" + (query.Length == 0 ? "" : "?" + query));
}
