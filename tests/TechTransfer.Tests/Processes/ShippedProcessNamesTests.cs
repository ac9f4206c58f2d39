using Workflows.Engine.Model;
using Workflows.Engine.Parsing;

namespace TechTransfer.Tests.Processes;

/// <summary>Every name a user reads in the shipped processes (inbox, task page, file, emails, diagrams) has its Chinese
/// text beside the English one: <c>wf:name-zh-CN</c> on the process, each named node (sub-process contents too) and each
/// named flow. A step added without one fails here, named by file and id.</summary>
public sealed class ShippedProcessNamesTests
{
    public static TheoryData<string> ShippedFiles() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "*.bpmn").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void Every_user_visible_element_of_a_shipped_process_has_a_Chinese_name(string file)
    {
        var result = BpmnParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", file)));
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        var missing = result.Model!.Processes.SelectMany(MissingChineseNames).Select(m => $"{file}: {m}").ToList();
        Assert.True(missing.Count == 0, "No Chinese name (wf:name-zh-CN):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void An_element_without_a_Chinese_name_is_named_by_the_check()
    {
        var result = BpmnParser.Parse("""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:wf="http://workflowhost.org/schema/bpmn/1.0" id="d" targetNamespace="t">
              <bpmn:process id="p" name="Pricing" wf:name-zh-CN="定价" isExecutable="true">
                <bpmn:startEvent id="Start" name="Started" wf:name-zh-CN="开始" />
                <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Decide" />
                <bpmn:userTask id="Task_Decide" name="Decide" />
                <bpmn:sequenceFlow id="f2" sourceRef="Task_Decide" targetRef="End" name="done" wf:name-zh-CN="done" />
                <bpmn:endEvent id="End" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var missing = MissingChineseNames(result.Model!.Processes.Single()).ToList();
        Assert.Equal(["userTask 'Task_Decide' (\"Decide\")", "sequenceFlow 'f2' (\"done\")"], missing);
    }

    /// <summary>Each named element of the process whose Chinese name is missing or holds no Chinese at all.</summary>
    private static IEnumerable<string> MissingChineseNames(ProcessDefinition process)
    {
        if (!IsChinese(process.LocalizedNames.For("zh-CN"))) yield return $"process '{process.Id}' (\"{process.Name}\")";
        foreach (var node in process.NodesById.Values.OrderBy(n => n.Location.Line))
            if ((!string.IsNullOrWhiteSpace(node.Name) || node is UserTask or CallActivity) && !IsChinese(node.LocalizedNames.For("zh-CN")))
                yield return $"{node.ElementType} '{node.Id}' (\"{node.Name}\")";
        foreach (var flow in process.FlowsById.Values.OrderBy(f => f.Location.Line))
            if (!string.IsNullOrWhiteSpace(flow.Name) && !IsChinese(flow.LocalizedNames.For("zh-CN")))
                yield return $"sequenceFlow '{flow.Id}' (\"{flow.Name}\")";
    }

    private static bool IsChinese(string? text) => text is not null && text.Any(c => c is >= '\u4e00' and <= '\u9fff');
}
