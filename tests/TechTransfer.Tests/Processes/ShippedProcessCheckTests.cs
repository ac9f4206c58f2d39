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

    /// <summary>The changed file gets exactly one catalog diagnostic, on <paramref name="elementId"/>, saying <paramref name="what"/>.</summary>
    private static void NamesOne(string changed, string elementId, string what)
    {
        var diagnostic = Assert.Single(ShippedProcessCheck.Check(Parse(changed)), d => d.Code == ShippedProcessCheck.MissingCatalogElement);
        Assert.Equal(elementId, diagnostic.ElementId);
        Assert.Contains(what, diagnostic.Message);
    }

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
        NamesOne(changed, ShippedProcesses.Committee.Close, "'Task_Close' is a manualTask, not a userTask");
    }

    [Fact]
    public void A_public_notice_that_no_longer_catches_objections_is_named()
    {
        var changed = Shipped("pricing-agreement.bpmn").Replace("name=\"PublicNoticeObjection\"", "name=\"Objection\"", StringComparison.Ordinal);
        NamesOne(changed, ShippedProcesses.PricingAgreement.ObjectionMessage, "no event catches the message named 'PublicNoticeObjection'");
    }

    [Fact]
    public void A_main_process_that_no_longer_calls_a_stage_is_named()
    {
        var changed = Shipped("invention-transfer.bpmn").Replace("calledElement=\"pricing-auction\"", "calledElement=\"pricing-tender\"", StringComparison.Ordinal);
        NamesOne(changed, ShippedProcesses.PricingAuction.Id, "'invention-transfer' is changed where the application depends on it: no call activity calls the stage 'pricing-auction'");
    }

    [Fact]
    public void A_process_that_is_not_shipped_is_not_concerned()
    {
        var other = Shipped("disclosure.bpmn").Replace("id=\"disclosure\"", "id=\"disclosure-copy\"", StringComparison.Ordinal)
            .Replace("\"Task_Screen\"", "\"Task_Triage\"", StringComparison.Ordinal);
        Assert.Empty(ShippedProcessCheck.Check(Parse(other)));
    }
}
