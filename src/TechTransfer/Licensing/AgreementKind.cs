namespace TechTransfer.Licensing;

public enum AgreementKind { Assignment, ExclusiveLicence, SoleLicence, OrdinaryLicence, OpenLicence, Equity }
