namespace ScoreCockpit.Engine.Modeling;

/// <summary>A requested feature the model does not use, and why (shown on the version as is).</summary>
public sealed record DroppedFeature(string Column, string Reason)
{
    public override string ToString() => $"{Column} ({Reason})";
}
