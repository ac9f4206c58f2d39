using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Workflows.Engine.Contracts;
using Workflows.Testing;
using WorkflowHost.Notifications;

namespace WorkflowHost.Tests.Email;

/// <summary>A task's email names the task and its process in each recipient's language (the element's wf:name-zh-CN for
/// a Chinese reader, its BPMN name for an English one), not "新任务：Screen the disclosure".</summary>
public sealed class LocalizedTaskNameEmailTests
{
    private const string Process = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wf="http://workflowhost.org/schema/bpmn/1.0" id="d" targetNamespace="t">
          <bpmn:process id="screening" name="Disclosure" wf:name-zh-CN="职务发明披露" isExecutable="true">
            <bpmn:startEvent id="Start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Screen" />
            <bpmn:userTask id="Task_Screen" name="Screen the disclosure" wf:name-zh-CN="审查发明披露" camunda:candidateGroups="technology-manager">
              <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="Task_Screen" targetRef="End" />
            <bpmn:endEvent id="End"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_new_task_email_names_the_task_in_each_recipients_language()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows);
        _ = host.Server;
        var users = host.Services.GetRequiredService<IUserDirectory>();
        await users.SaveAsync(new UserContact("li", "李老师", "li@example.edu", "zh-CN", Digest: false), [WorkflowHost.Identity.Roles.TechnologyManager], default);
        await users.SaveAsync(new UserContact("tom", "Tom", "tom@example.edu", "en", Digest: false), [WorkflowHost.Identity.Roles.TechnologyManager], default);
        var runtime = host.Services.GetRequiredService<IWorkflowRuntime>();
        await runtime.PublishAsync(Process, "test");
        await runtime.StartAsync(new StartRequest { ProcessId = "screening", BusinessKey = "INV-2026-0001" });

        var pickup = Path.Combine(data, "mail");
        await Eventually.HoldsAsync("two emails in the pickup folder", () => Directory.Exists(pickup) && Directory.GetFiles(pickup, "*.eml").Length >= 2);
        var mails = Directory.GetFiles(pickup, "*.eml").Select(f => MimeMessage.Load(f)).ToDictionary(m => m.To.Mailboxes.Single().Address);
        Assert.StartsWith("新任务：审查发明披露（INV-2026-0001）", mails["li@example.edu"].Subject);
        Assert.Contains("审查发明披露", mails["li@example.edu"].TextBody);
        Assert.DoesNotContain("Screen the disclosure", mails["li@example.edu"].TextBody + mails["li@example.edu"].HtmlBody);
        Assert.Contains("Screen the disclosure", mails["tom@example.edu"].Subject);
        Assert.DoesNotContain("审查发明披露", mails["tom@example.edu"].Subject + mails["tom@example.edu"].TextBody);
    }
}
