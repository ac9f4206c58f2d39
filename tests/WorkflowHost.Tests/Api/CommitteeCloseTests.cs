using System.Net;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api;

/// <summary>The chair's close over the real HTTP stack: refused with its reason while ballots are outstanding (the committee room shows it).</summary>
public sealed class CommitteeCloseTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task The_chair_cannot_close_while_ballots_are_outstanding_and_the_409_says_how_many(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.InventionReadyForTransferAsync();
        var review = await host.PrepareAsync(id, new
        {
            pricingMethod = "listing", reviewSubject = "Licence by listing", basePrice = 100000, valuationBasis = "Income approach",
        });
        await OkAsync(host.Member1, HttpMethod.Post, $"/api/v1/reviews/{review}/vote", new { vote = "approve", reason = "Sound file." });

        var close = new { minutes = "Too early.", attendance = new[] { host.ChairUser.Id, host.Member1User.Id } };
        var (status, body) = await SendAsync(host.Chair, HttpMethod.Post, $"/api/v1/reviews/{review}/close", close);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("ballots-outstanding", body.GetProperty("code").GetString());
        Assert.Contains("2 of 3 members", body.GetProperty("detail").GetString());
        Assert.Equal("open", (await OkAsync(host.Chair, HttpMethod.Get, $"/api/v1/reviews/{review}")).GetProperty("status").GetString());
    }
}
