using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Clients.ToggleClient;

public sealed class EnableEndpoint(MikroNetDb db, IClock clock) : ToggleEndpoint(db, clock, ClientStatus.Active)
{
    public override void Configure()
    {
        Post("/client/{id:int}/enable");
        Summary(s => s.Summary = "Enable a client's PPP secret (the seed's route); an isolated client stays cut off until it pays");
    }
}
