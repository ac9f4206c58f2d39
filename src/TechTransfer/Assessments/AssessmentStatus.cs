namespace TechTransfer.Assessments;

public enum AssessmentStatus { Open, Decided }
