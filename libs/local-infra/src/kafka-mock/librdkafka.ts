import koffi from 'koffi';

/**
 * The few librdkafka calls needed to run its mock cluster: an in-memory broker that speaks the
 * Kafka wire protocol. Loaded only in the mock's own child process, because the native code
 * can crash and must not take the caller down with it.
 */
export interface MockClusterApi {
  start(brokerCount: number): { bootstraps: string; createTopic(name: string, partitions: number): void };
}

const LIBRARY_NAMES = ['librdkafka.so.1', 'librdkafka.so', 'librdkafka.1.dylib'];

export function loadLibrdkafka(): MockClusterApi {
  const lib = openFirst(LIBRARY_NAMES);
  const confNew = lib.func('void *rd_kafka_conf_new()');
  const confSet = lib.func(
    'int rd_kafka_conf_set(void *conf, const char *name, const char *value, _Out_ uint8_t *errstr, size_t size)',
  );
  const kafkaNew = lib.func('void *rd_kafka_new(int type, void *conf, _Out_ uint8_t *errstr, size_t size)');
  const clusterNew = lib.func('void *rd_kafka_mock_cluster_new(void *rk, int broker_cnt)');
  const bootstraps = lib.func('const char *rd_kafka_mock_cluster_bootstraps(void *cluster)');
  const topicCreate = lib.func(
    'int rd_kafka_mock_topic_create(void *cluster, const char *topic, int partitions, int replication)',
  );
  const errName = lib.func('const char *rd_kafka_err2name(int err)');

  return {
    start(brokerCount) {
      const errstr = Buffer.alloc(512);
      const conf = confNew();
      if (confSet(conf, 'log_level', '3', errstr, errstr.length) !== 0) {
        throw new Error(`rd_kafka_conf_set failed: ${cString(errstr)}`);
      }
      const RD_KAFKA_PRODUCER = 0;
      const handle = kafkaNew(RD_KAFKA_PRODUCER, conf, errstr, errstr.length);
      if (!handle) throw new Error(`rd_kafka_new failed: ${cString(errstr)}`);
      const cluster = clusterNew(handle, brokerCount);
      if (!cluster) throw new Error('rd_kafka_mock_cluster_new returned no cluster');
      return {
        bootstraps: bootstraps(cluster) as string,
        createTopic(name, partitions) {
          const err = topicCreate(cluster, name, partitions, 1) as number;
          if (err !== 0) throw new Error(`creating topic ${name} failed: ${errName(err)}`);
        },
      };
    },
  };
}

function openFirst(names: string[]): ReturnType<typeof koffi.load> {
  const failures: string[] = [];
  for (const name of names) {
    try {
      return koffi.load(name);
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message}`);
    }
  }
  throw new Error(
    `librdkafka is not installed (${failures.join('; ')}). On Debian/Ubuntu: apt-get install librdkafka1`,
  );
}

function cString(buffer: Buffer): string {
  const end = buffer.indexOf(0);
  return buffer.subarray(0, end < 0 ? buffer.length : end).toString('utf8');
}
