global using MikroNet.Tests.Driver;
