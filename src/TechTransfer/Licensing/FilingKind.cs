namespace TechTransfer.Licensing;

public enum FilingKind { LicenceRecordal, AssignmentRegistration }
