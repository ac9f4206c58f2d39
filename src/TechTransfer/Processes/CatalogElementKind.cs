namespace TechTransfer.Processes;

/// <summary>What a catalog entry must be in the BPMN file.</summary>
public enum CatalogElementKind
{
    /// <summary>A <c>bpmn:userTask</c> with this id (code completes it, or offers a screen for it).</summary>
    UserTask,
    /// <summary>A message catch (intermediate, boundary or start event) of a <c>bpmn:message</c> with this name (code correlates it).</summary>
    MessageCatch,
}
