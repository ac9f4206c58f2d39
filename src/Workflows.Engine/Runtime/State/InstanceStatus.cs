namespace Workflows.Engine.Runtime.State;

public enum InstanceStatus { Running = 0, Completed = 1, Terminated = 2, Cancelled = 3 }
