namespace Cutter.Analyzers.Detection
{
    /// <summary>A finding in a text file: 1-based line and column, and the absolute offset for the analyzer's location.</summary>
    internal sealed class TextFinding
    {
        public TextFinding(int line, int column, int offset, int length, LiteralFinding finding)
        {
            Line = line;
            Column = column;
            Offset = offset;
            Length = length;
            Finding = finding;
        }

        public int Line { get; }

        public int Column { get; }

        public int Offset { get; }

        public int Length { get; }

        public LiteralFinding Finding { get; }
    }
}
