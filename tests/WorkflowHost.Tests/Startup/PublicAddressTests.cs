using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowHost.Notifications;

namespace WorkflowHost.Tests.Startup;

/// <summary>
/// Links in emails and on the notice board start with the address users open (Email:BaseUrl): a host reachable beyond
/// its own machine refuses to start without it, instead of mailing links to localhost; one on its own machine only uses
/// the address it listens on; a malformed one is refused, naming the key.
/// </summary>
public sealed class PublicAddressTests
{
    private static HostFactory Host(Dictionary<string, string> settings, string environment = "Production")
    {
        var (data, workflows) = HostFactory.NewFolders();
        return new HostFactory(data, workflows, settings) { EnvironmentName = environment };
    }

    /// <summary>The messages of what stopped the start (the factory may wrap the program's own exception).</summary>
    private static string Refusal(HostFactory host)
    {
        var e = Assert.ThrowsAny<Exception>(() => host.Server);
        var messages = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException) messages.Add(x.Message);
        if (e is AggregateException all) messages.AddRange(all.InnerExceptions.Select(x => x.Message));
        return string.Join(" | ", messages);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://*:80")]
    [InlineData("http://localhost:5080;http://tt.example.edu:80")]
    public async Task Production_listening_beyond_its_machine_refuses_to_start_without_a_public_address(string urls)
    {
        await using var host = Host(new() { ["urls"] = urls });
        var refused = Refusal(host);
        Assert.Contains("Email:BaseUrl is not set", refused);
        Assert.Contains(urls.Split(';')[^1], refused);
    }

    [Theory]
    [InlineData("tt.example.edu")]
    [InlineData("ftp://tt.example.edu")]
    [InlineData("https://tt.example.edu/?next=1")]
    public async Task A_malformed_public_address_is_refused_naming_the_key(string address)
    {
        await using var host = Host(new() { ["Email:BaseUrl"] = address });
        Assert.Contains($"Email:BaseUrl = '{address}'", Refusal(host));
    }

    [Fact]
    public async Task The_configured_address_starts_every_link_whatever_the_host_listens_on()
    {
        await using var host = Host(new() { ["urls"] = "http://0.0.0.0:8080", ["Email:BaseUrl"] = "https://tt.example.edu/" });
        Assert.Equal("https://tt.example.edu", host.Services.GetRequiredService<IOptions<NotificationOptions>>().Value.BaseUrl);
        Assert.Equal("https://tt.example.edu/board", host.Services.GetRequiredService<TechTransfer.TechTransferOptions>().NoticeBoard.Url);
    }

    [Fact]
    public async Task A_host_on_its_own_machine_only_links_to_the_address_it_listens_on()
    {
        await using var host = Host(new() { ["urls"] = "http://127.0.0.1:5999" });
        Assert.Equal("http://127.0.0.1:5999", host.Services.GetRequiredService<IOptions<NotificationOptions>>().Value.BaseUrl);
        Assert.Equal("http://127.0.0.1:5999/board", host.Services.GetRequiredService<TechTransfer.TechTransferOptions>().NoticeBoard.Url);
    }
}
