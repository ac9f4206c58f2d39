namespace TechTransfer.Licensing;

public enum FilingStatus { Due, Submitted, Accepted, Refused }
