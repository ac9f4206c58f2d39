namespace TechTransfer.Committees;

public enum ReviewOutcome { Approved, Rejected, NoQuorum }
