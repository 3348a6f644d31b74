import net from 'node:net';

/**
 * Keeps a fixed bootstrap port in front of the mock broker, whose own port is random and
 * changes when it is restarted. Clients bootstrap here and then follow the advertised address.
 */
export class TcpForwarder {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(private target: { host: string; port: number }) {}

  retarget(target: { host: string; port: number }): void {
    this.target = target;
    for (const socket of this.sockets) socket.destroy();
  }

  listen(port: number, host = '127.0.0.1'): Promise<number> {
    this.server = net.createServer((client) => this.forward(client));
    return new Promise((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve((this.server!.address() as net.AddressInfo).port));
    });
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private forward(client: net.Socket): void {
    const upstream = net.connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }
}
