using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Bench.Http;

/// <summary>A signed-in user of the REST API (a bearer token from <c>POST /api/v1/auth/login</c>).</summary>
public sealed class ApiClient(HttpClient http, string token)
{
    public static async Task<ApiClient> SignInAsync(HttpClient http, string email, string password)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        await EnsureAsync(response);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        return new ApiClient(http, token);
    }

    public Task<JsonNode?> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, JsonContent.Create(body));

    public Task<JsonNode?> PostXmlAsync(string path, string xml) => SendAsync(HttpMethod.Post, path, new StringContent(xml, Encoding.UTF8, "application/xml"));

    public Task<JsonNode?> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        await EnsureAsync(response);
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode) return;
        throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
