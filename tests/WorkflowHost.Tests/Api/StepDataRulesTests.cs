using System.Net;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// Rules beyond a form's fields ("required when...", <c>StepDataRules</c>) refuse the data before the step completes, on
/// the domain endpoints and on the generic task completion the task page uses alike: a 400 naming the field, the step
/// still open, and no incident left behind by the service task after it.
/// </summary>
public sealed class StepDataRulesTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Data_that_breaks_a_step_rule_is_refused_before_the_step_completes(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.SubmitInventionAsync();

        // Returning a disclosure without saying what to answer.
        var noQuestions = await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/screening",
            new { decision = "questions" });
        Assert.True(noQuestions.GetProperty("errors").TryGetProperty("variables.questions", out _), noQuestions.ToString());
        Assert.True(await host.StepOpenAsync(id, "Task_Screen"));
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/screening", new { decision = "accept" });
        await host.WaitForStepAsync(id, "Task_Score");

        // "File" without a route, through the task form's completion (what the task page posts).
        var taskId = (await host.InventionAsync(id)).GetProperty("openSteps").EnumerateArray()
            .First(s => s.GetProperty("elementId").GetString() == "Task_Score").GetProperty("taskId").GetGuid();
        var scores = new { technicalValue = 5, marketProspects = 4, legalStrength = 4, draftQuality = 3, strategicFit = 4 };
        var noRoute = await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Post, $"/api/v1/tasks/{taskId}/complete",
            new { variables = new { scores.technicalValue, scores.marketProspects, scores.legalStrength, scores.draftQuality, scores.strategicFit, assessmentOutcome = "file" } });
        Assert.True(noRoute.GetProperty("errors").TryGetProperty("variables.filingRoute", out _), noRoute.ToString());

        // Not filing without reasons, through the domain endpoint.
        var noReasons = await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/assessment",
            new { scores.technicalValue, scores.marketProspects, scores.legalStrength, scores.draftQuality, scores.strategicFit, assessmentOutcome = "abandon" });
        Assert.True(noReasons.GetProperty("errors").TryGetProperty("variables.assessmentReasons", out _), noReasons.ToString());

        Assert.True(await host.StepOpenAsync(id, "Task_Score"));
        Assert.Equal(0, (await OkAsync(host.Admin, HttpMethod.Get, "/api/v1/incidents")).GetArrayLength());
    }
}
