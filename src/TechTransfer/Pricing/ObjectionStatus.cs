namespace TechTransfer.Pricing;

public enum ObjectionStatus { Open, Dismissed, Upheld }
