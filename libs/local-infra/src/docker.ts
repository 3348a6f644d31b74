import fs from 'node:fs';
import http from 'node:http';

/**
 * Whether a Docker engine answers. The `docker` client binary can exist without an engine,
 * so this asks the engine itself: DOCKER_HOST when set, else the default socket.
 */
export async function dockerEngineAnswers(): Promise<boolean> {
  if (process.env.DOCKER_HOST) return true;
  const socketPath = '/var/run/docker.sock';
  if (!fs.existsSync(socketPath)) return false;
  return new Promise((resolve) => {
    const request = http.get({ socketPath, path: '/_ping', timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}
