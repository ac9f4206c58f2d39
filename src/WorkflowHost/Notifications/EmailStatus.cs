namespace WorkflowHost.Notifications;

public enum EmailStatus { Pending = 0, Sent = 1, Dead = 2, Digest = 3, InDigest = 4 }
