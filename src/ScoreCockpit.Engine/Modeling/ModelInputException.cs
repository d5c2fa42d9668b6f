namespace ScoreCockpit.Engine.Modeling;

/// <summary>Data a model cannot read: a column whose type changed since training. The message names the column.</summary>
public sealed class ModelInputException : Exception
{
    public ModelInputException()
        : base("The data does not fit the model.")
    {
    }

    public ModelInputException(string message)
        : base(message)
    {
    }

    public ModelInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
