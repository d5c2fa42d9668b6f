namespace ScoreCockpit.Engine.Evaluation;

/// <summary>Names the resources for the evaluation notes people read (why a forward figure is missing).</summary>
public sealed class EvaluationText;
