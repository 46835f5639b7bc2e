import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks every object of a rendered Kustomize output (multi-document YAML) against the schema of its apiVersion and
 * kind, strictly: an unknown field anywhere, a value of the wrong type, or a kind with no schema fails.
 * <p>
 * Kubernetes kinds and Strimzi's are read into their typed models (fabric8's Kubernetes model, Strimzi's own API
 * model, and fabric8's model of the Prometheus Operator's PodMonitor, ServiceMonitor and PrometheusRule) with unknown
 * fields and scalar coercion refused. Those models keep unknown fields in an "additional
 * properties" map so that a client can round-trip them; this validator removes that catch-all, so a typo such as
 * {@code contaners:} is an error with its path. CloudNativePG has no model on Maven Central: its Cluster, ScheduledBackup
 * and Pooler are checked against the JSON Schemas in schemas/ (see the schema's description for where it comes from).
 * <p>
 * {@code java -cp 'libs/*' Validate.java SCHEMA_DIR RENDERED.yaml [MORE.yaml ...]}; exit 0 when every object is valid.
 */
public class Validate {

    private static final Map<String, String> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", "io.fabric8.kubernetes.api.model.ConfigMap"),
            Map.entry("v1/Secret", "io.fabric8.kubernetes.api.model.Secret"),
            Map.entry("v1/Service", "io.fabric8.kubernetes.api.model.Service"),
            Map.entry("apps/v1/Deployment", "io.fabric8.kubernetes.api.model.apps.Deployment"),
            Map.entry("policy/v1/PodDisruptionBudget", "io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget"),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    "io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler"),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", "io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy"),
            Map.entry("networking.k8s.io/v1/Ingress", "io.fabric8.kubernetes.api.model.networking.v1.Ingress"),
            Map.entry("kafka.strimzi.io/v1/Kafka", "io.strimzi.api.kafka.model.kafka.Kafka"),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", "io.strimzi.api.kafka.model.nodepool.KafkaNodePool"),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", "io.strimzi.api.kafka.model.topic.KafkaTopic"),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", "io.strimzi.api.kafka.model.user.KafkaUser"),
            // The Prometheus Operator's kinds, in fabric8's model of them (openshift-model-monitoring).
            Map.entry("monitoring.coreos.com/v1/PodMonitor", "io.fabric8.openshift.api.model.monitoring.v1.PodMonitor"),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor",
                    "io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor"),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule",
                    "io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule"));

    private static final Map<String, String> SCHEMAS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", "cnpg-cluster-v1.json",
            "postgresql.cnpg.io/v1/ScheduledBackup", "cnpg-scheduledbackup-v1.json",
            "postgresql.cnpg.io/v1/Pooler", "cnpg-pooler-v1.json");

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Validate SCHEMA_DIR RENDERED.yaml [MORE.yaml ...]");
            System.exit(2);
        }
        Path schemaDir = Path.of(args[0]);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectMapper strict = strictMapper();
        JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        List<String> errors = new ArrayList<>();
        int checked = 0;
        int invalid = 0;
        for (int i = 1; i < args.length; i++) {
            Path file = Path.of(args[i]);
            List<JsonNode> documents = yaml.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file)).readAll();
            for (JsonNode document : documents) {
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
                String where = file.getFileName() + ": " + type + " " + document.path("metadata").path("name").asText();
                checked++;
                int before = errors.size();
                String model = MODELS.get(type);
                String schema = SCHEMAS.get(type);
                if (model != null) {
                    try {
                        strict.treeToValue(document, Class.forName(model));
                    } catch (JsonMappingException e) {
                        errors.add(where + ": at " + path(e) + ": " + firstLine(e.getOriginalMessage()));
                    }
                } else if (schema != null) {
                    JsonSchema jsonSchema = schemas.getSchema(Files.newInputStream(schemaDir.resolve(schema)));
                    Set<ValidationMessage> messages = jsonSchema.validate(document);
                    messages.forEach(m -> errors.add(where + ": " + m.getMessage()));
                } else {
                    errors.add(where + ": no schema for " + type + " (add it to deploy/k8s/validate/Validate.java)");
                }
                if (errors.size() > before) {
                    invalid++;
                }
            }
        }
        errors.forEach(e -> System.out.println("INVALID " + e));
        System.out.println("k8s manifests: " + (checked - invalid) + " valid, " + invalid + " invalid");
        System.exit(errors.isEmpty() && checked > 0 ? 0 : 1);
    }

    /** Unknown fields, coerced scalars and nulls for primitives are errors; the models' catch-all maps are removed. */
    private static ObjectMapper strictMapper() {
        SimpleModule noCatchAll = new SimpleModule("no-additional-properties");
        noCatchAll.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                                                         BeanDeserializerBuilder builder) {
                builder.setAnySetter(null);
                builder.setIgnoreUnknownProperties(false);
                return builder;
            }

            @Override
            public List<BeanPropertyDefinition> updateProperties(DeserializationConfig config, BeanDescription description,
                                                                 List<BeanPropertyDefinition> properties) {
                return properties;
            }
        });
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(noCatchAll)
                .build();
    }

    /** Where in the object the error is, as {@code spec.template.spec.containers[0].name}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(top)" : path.toString();
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
