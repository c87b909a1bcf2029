// The tests drive real Linux tools (initdb as the postgres user, gpg, ssh-keygen, kill -9).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
