using TechTransfer.Processes;
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;

namespace TechTransfer.Tests.Processes;

/// <summary>The catalog check on the shipped files and on changed copies of them, as the designer would save them.</summary>
public sealed class ShippedProcessCheckTests
{
    private static string Shipped(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", file));

    private static BpmnModel Parse(string xml)
    {
        var result = BpmnParser.Parse(xml);
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    private static BpmnDiagnostic Single(string xml) =>
        Assert.Single(ShippedProcessCheck.Check(Parse(xml)), d => d.Code == ShippedProcessCheck.MissingCatalogElement);

    [Fact]
    public void The_shipped_files_have_every_catalog_element()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "*.bpmn"))
            Assert.True(ShippedProcessCheck.Check(Parse(File.ReadAllText(file))).Count == 0, Path.GetFileName(file));
    }

    [Fact]
    public void A_user_task_the_code_completes_that_became_a_manual_task_is_named_with_its_kind()
    {
        var xml = Shipped("committee-review.bpmn");
        var start = xml.IndexOf("<bpmn:userTask id=\"Task_Close\"", StringComparison.Ordinal);
        var end = xml.IndexOf("</bpmn:userTask>", start, StringComparison.Ordinal);
        var changed = xml[..start] + "<bpmn:manualTask id=\"Task_Close\"" +
                      xml[(start + "<bpmn:userTask id=\"Task_Close\"".Length)..end] + "</bpmn:manualTask>" + xml[(end + "</bpmn:userTask>".Length)..];
        var diagnostic = Single(changed);
        Assert.Equal(ShippedProcesses.Committee.Close, diagnostic.ElementId);
        Assert.Contains("'Task_Close' is a manualTask, not a userTask", diagnostic.Message);
    }

    [Fact]
    public void A_public_notice_that_no_longer_catches_objections_is_named()
    {
        var changed = Shipped("pricing-agreement.bpmn").Replace("name=\"PublicNoticeObjection\"", "name=\"Objection\"", StringComparison.Ordinal);
        var diagnostic = Single(changed);
        Assert.Equal(ShippedProcesses.PricingAgreement.ObjectionMessage, diagnostic.ElementId);
        Assert.Contains("no event catches the message named 'PublicNoticeObjection'", diagnostic.Message);
    }

    [Fact]
    public void A_main_process_that_no_longer_calls_a_stage_is_named()
    {
        var changed = Shipped("invention-transfer.bpmn").Replace("calledElement=\"pricing-auction\"", "calledElement=\"pricing-tender\"", StringComparison.Ordinal);
        var diagnostic = Single(changed);
        Assert.Equal(ShippedProcesses.PricingAuction.Id, diagnostic.ElementId);
        Assert.Contains("'invention-transfer'", diagnostic.Message);
    }

    [Fact]
    public void A_process_that_is_not_shipped_is_not_concerned()
    {
        var other = Shipped("disclosure.bpmn").Replace("id=\"disclosure\"", "id=\"disclosure-copy\"", StringComparison.Ordinal)
            .Replace("\"Task_Screen\"", "\"Task_Triage\"", StringComparison.Ordinal);
        Assert.Empty(ShippedProcessCheck.Check(Parse(other)));
    }
}
