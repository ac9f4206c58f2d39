namespace TechTransfer.Committees;

public enum VoteChoice { Approve, Reject, Abstain }
