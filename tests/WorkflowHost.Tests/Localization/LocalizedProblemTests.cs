using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowHost.Identity;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Localization;

/// <summary>
/// The refusals a user meets, over the real HTTP stack, in the caller's language (the account's, else the browser's,
/// else Chinese) with fields named by their labels; the stable code and the field keys stay for programs.
/// The issue's quoted messages: "未保存：技术领域: The disclosure lacks: field, abstract, priorArt, intendedUses.",
/// "variables.questions: Say what the inventors must answer.", "'Transfer Committee' is not a code".
/// </summary>
public sealed class LocalizedProblemTests
{
    private static async Task<HttpClient> ChineseUserAsync(Api.DomainApiHost host, string email, params string[] roles)
    {
        var user = await host.Host.CreateUserWithPasswordAsync(email, TestUsers.DefaultPassword, Languages.Chinese, roles);
        return await host.Host.SignInAsync(user.Email, user.Password);
    }

    private static bool HasChinese(string? text) => text is not null && text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    [Fact]
    public async Task An_incomplete_disclosure_is_refused_naming_the_missing_fields_by_their_labels_in_the_callers_language()
    {
        await using var host = await StartAsync(DatabaseProvider.Sqlite);
        var dai = await ChineseUserAsync(host, "dai@example.edu", Roles.Inventor);
        var daiId = (await OkAsync(dai, HttpMethod.Get, "/api/v1/me")).GetProperty("id").GetString();

        async Task<JsonElement> SubmitIncompleteAsync(HttpClient inventor, string userId)
        {
            var draft = await ExpectAsync(HttpStatusCode.Created, inventor, HttpMethod.Post, "/api/v1/inventions",
                new { title = "Optical switch", inventors = new[] { new { userId, name = "X", share = 100m } } });
            return await ExpectAsync(HttpStatusCode.BadRequest, inventor, HttpMethod.Post, $"/api/v1/inventions/{draft.GetProperty("id").GetGuid()}/submit");
        }

        var chinese = await SubmitIncompleteAsync(dai, daiId!);
        Assert.Equal("disclosure-incomplete", chinese.GetProperty("code").GetString());
        Assert.Equal("请求有误", chinese.GetProperty("title").GetString());
        Assert.Equal("披露内容不完整，缺少：技术领域、摘要、现有技术、预期用途。", chinese.GetProperty("detail").GetString());
        Assert.Equal(["abstract", "field", "intendedUses", "priorArt"], chinese.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());

        var english = await SubmitIncompleteAsync(host.Alice, host.AliceUser.Id);
        Assert.Equal("disclosure-incomplete", english.GetProperty("code").GetString());
        Assert.Equal("The request is not valid", english.GetProperty("title").GetString());
        Assert.Equal("The disclosure lacks: Technical field, Abstract, Prior art, Intended uses.", english.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_missing_required_field_is_named_by_its_label_not_with_the_conflict_statements_sentence()
    {
        // The Chinese sentence for "required" once asked every caller to describe their ties to the counterparty.
        await using var host = await StartAsync(DatabaseProvider.Sqlite);
        var dai = await ChineseUserAsync(host, "dai@example.edu", Roles.Inventor);
        var daiId = (await OkAsync(dai, HttpMethod.Get, "/api/v1/me")).GetProperty("id").GetString();
        var refused = await ExpectAsync(HttpStatusCode.BadRequest, dai, HttpMethod.Post, "/api/v1/inventions",
            new { title = " ", inventors = new[] { new { userId = daiId, name = "X", share = 100m } } });
        Assert.Equal("required", refused.GetProperty("code").GetString());
        Assert.Equal("请填写“发明名称”。", refused.GetProperty("detail").GetString());
        Assert.Equal("请填写“发明名称”。", refused.GetProperty("errors").GetProperty("title")[0].GetString());
    }

    [Fact]
    public async Task Screening_with_questions_but_none_written_is_refused_in_the_callers_language_naming_the_field()
    {
        await using var host = await StartAsync(DatabaseProvider.Sqlite);
        var wu = await ChineseUserAsync(host, "wu@example.edu", Roles.TechnologyManager);
        var id = await host.SubmitInventionAsync();
        var task = await host.OpenStepTaskAsync(id, "Task_Screen");
        var body = new { variables = new { screeningDecision = "questions" } };

        var chinese = await ExpectAsync(HttpStatusCode.BadRequest, wu, HttpMethod.Post, $"/api/v1/tasks/{task}/complete", body);
        Assert.Equal("validation", chinese.GetProperty("code").GetString());
        Assert.Equal("请求有误", chinese.GetProperty("title").GetString());
        var questions = chinese.GetProperty("errors").GetProperty("variables.questions")[0].GetString();
        Assert.Equal("选择“退回修改”时，请填写向发明人提出的问题。", questions);
        Assert.DoesNotContain("variables.questions", chinese.GetProperty("detail").GetString());

        // A required field is named by its Chinese label, never its key.
        var empty = await ExpectAsync(HttpStatusCode.BadRequest, wu, HttpMethod.Post, $"/api/v1/tasks/{task}/complete", new { variables = new { } });
        var decision = empty.GetProperty("errors").GetProperty("variables.screeningDecision")[0].GetString();
        Assert.StartsWith("请填写“", decision);
        Assert.DoesNotContain("screeningDecision", decision);

        var english = await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Post, $"/api/v1/tasks/{task}/complete", body);
        Assert.Equal("Questions for the inventors: say what they must answer when the disclosure goes back for changes.",
            english.GetProperty("errors").GetProperty("variables.questions")[0].GetString());
        Assert.Equal("The request is not valid", english.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_committee_code_that_is_not_a_code_is_refused_in_the_callers_language()
    {
        await using var host = await StartAsync(DatabaseProvider.Sqlite);
        var chineseAdmin = await ChineseUserAsync(host, "zhao@example.edu", Roles.SystemAdministrator);
        var body = new { code = "Transfer Committee", name = "科技成果转化专家委员会" };

        var chinese = await ExpectAsync(HttpStatusCode.BadRequest, chineseAdmin, HttpMethod.Post, "/api/v1/committees", body);
        Assert.StartsWith("“Transfer Committee”不能作为委员会代码", chinese.GetProperty("errors").GetProperty("code")[0].GetString());
        Assert.Equal("请求有误", chinese.GetProperty("title").GetString());

        var english = await ExpectAsync(HttpStatusCode.BadRequest, host.Admin, HttpMethod.Post, "/api/v1/committees", body);
        Assert.StartsWith("'Transfer Committee' is not a code", english.GetProperty("errors").GetProperty("code")[0].GetString());
    }

    [Fact]
    public async Task Task_and_process_names_come_in_the_callers_language()
    {
        await using var host = await StartAsync(DatabaseProvider.Sqlite);
        var wu = await ChineseUserAsync(host, "wu@example.edu", Roles.TechnologyManager);
        var id = await host.SubmitInventionAsync();

        async Task<JsonElement> ScreeningIn(HttpClient client) =>
            (await OkAsync(client, HttpMethod.Get, "/api/v1/tasks?elementId=Task_Screen")).GetProperty("items").EnumerateArray().Single();

        var chinese = await ScreeningIn(wu);
        Assert.Equal("审查发明披露", chinese.GetProperty("name").GetString());
        Assert.Equal("职务发明披露", chinese.GetProperty("processName").GetString());
        var english = await ScreeningIn(host.Manager);
        Assert.Equal("Screen the disclosure", english.GetProperty("name").GetString());
        Assert.Equal("Disclosure", english.GetProperty("processName").GetString());
        Assert.Equal("Task_Screen", english.GetProperty("elementId").GetString()); // the key stays

        var step = (await OkAsync(wu, HttpMethod.Get, $"/api/v1/inventions/{id}")).GetProperty("openSteps").EnumerateArray().Single();
        Assert.Equal("审查发明披露", step.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Designer_diagnostics_come_in_the_callers_language_with_the_engines_own_words_beside()
    {
        await using var host = await StartAsync(DatabaseProvider.Sqlite);
        var chineseAdmin = await ChineseUserAsync(host, "zhao@example.edu", Roles.SystemAdministrator);
        const string broken = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="broken" isExecutable="true">
                <bpmn:startEvent id="Start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Lost" />
                <bpmn:userTask id="Task_Lost" name="Lost" camunda:candidateGroups="technology-manager"><bpmn:incoming>f1</bpmn:incoming></bpmn:userTask>
              </bpmn:process>
            </bpmn:definitions>
            """;

        async Task<JsonElement> DiagnosticOf(HttpClient client)
        {
            var response = await client.PostAsync("/api/v1/definitions/validate", new StringContent(broken, System.Text.Encoding.UTF8, "application/xml"));
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
            return answer.GetProperty("diagnostics").EnumerateArray().First(d => d.GetProperty("elementId").GetString() == "Task_Lost");
        }

        var chinese = await DiagnosticOf(chineseAdmin);
        Assert.True(HasChinese(chinese.GetProperty("message").GetString()), chinese.ToString());
        Assert.Contains("Task_Lost", chinese.GetProperty("detail").GetString());
        var english = await DiagnosticOf(host.Admin);
        Assert.Equal(english.GetProperty("detail").GetString(), english.GetProperty("message").GetString());
        Assert.False(HasChinese(english.GetProperty("message").GetString()));
    }
}
