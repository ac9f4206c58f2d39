namespace TechTransfer.Leadership;

/// <summary>What the leadership's meeting decided on the deal.</summary>
public enum LeadershipResult { Approved, Rejected }
