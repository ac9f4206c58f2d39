namespace TechTransfer.Committees;

public enum ReviewStatus { Open, Closed }
