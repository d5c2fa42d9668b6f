namespace ScoreCockpit.Engine.Portfolio;

/// <summary>Names the resources for health words and reasons, in English and French.</summary>
public sealed class HealthText;
