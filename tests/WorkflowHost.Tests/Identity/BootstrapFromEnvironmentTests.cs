using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace WorkflowHost.Tests.Identity;

/// <summary>The real host as a child process, configured the way an operator would: environment variables only.</summary>
public sealed class BootstrapFromEnvironmentTests
{
    [Fact]
    public async Task The_first_administrator_comes_from_Bootstrap__AdminEmail_and_Bootstrap__AdminPassword()
    {
        var (data, _) = HostFactory.NewFolders();
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WorkflowHost.dll"));
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Storage__DataPath"] = data;
        info.Environment["Workflows__Path"] = Path.Combine(data, "no-workflows");
        info.Environment["Bootstrap__AdminEmail"] = "office-admin@example.edu";
        info.Environment["Bootstrap__AdminPassword"] = "From-The-Environment-1!";
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                Assert.False(process.HasExited, "the host exited: " + string.Join("\n", output));
                try
                {
                    if ((await http.GetAsync("/health")).IsSuccessStatusCode) break;
                }
                catch (HttpRequestException) { }
                Assert.True(DateTime.UtcNow < deadline, "the host did not become healthy");
                await Task.Delay(200);
            }

            var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = "office-admin@example.edu", password = "From-The-Environment-1!" });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var users = await (await http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(["office-admin@example.edu"], users.EnumerateArray().Select(u => u.GetProperty("email").GetString()));
            Assert.DoesNotContain(output, line => line.Contains("From-The-Environment-1!") || line.Contains("First administrator created"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
