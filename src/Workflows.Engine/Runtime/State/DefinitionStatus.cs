namespace Workflows.Engine.Runtime.State;

public enum DefinitionStatus { Draft = 0, Published = 1 }
