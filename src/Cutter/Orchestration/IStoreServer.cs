namespace Cutter.Orchestration;

/// <summary>A connector that can name its server (host:port/database, no credentials) for a STOP that says which server went away.</summary>
internal interface IStoreServer
{
    string Server { get; }
}
