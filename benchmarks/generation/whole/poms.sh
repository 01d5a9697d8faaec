#!/usr/bin/env bash
# Writes the two poms of the whole-API generation benchmark into $1 (wxpay/pom.xml and stock/pom.xml), from the
# bundled spec's index, so that both always cover every product the spec has:
#   wxpay: our plugin, one execution, <products> naming every product (how a user generates the whole API);
#   stock: openapi-generator-maven-plugin, one execution per product (it takes one spec per execution), each product
#          document from spec/src/main/resources/wxpay/v3/ (the files the wxpay-spec jar bundles), java/native,
#          validation skipped, into <root package>.<product> as ours does.
# Both have the project's parent, so both builds pay for the same enforcer run. Usage: poms.sh <out-dir> <repo-root>
set -euo pipefail
OUT=$1
ROOT=$2
V3="$ROOT/spec/src/main/resources/wxpay/v3"
mkdir -p "$OUT/wxpay" "$OUT/stock"
# "  - name: pay" / "    file: pay.yaml" pairs, in index order.
mapfile -t NAMES < <(awk '$1 == "-" && $2 == "name:" { print $3 }' "$V3/index.yaml")
mapfile -t FILES < <(awk '$1 == "file:" { print $2 }' "$V3/index.yaml")
if (( ${#NAMES[@]} == 0 || ${#NAMES[@]} != ${#FILES[@]} )); then
  echo "poms.sh: cannot read the product list of $V3/index.yaml" >&2
  exit 1
fi
head() { # artifactId
  cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by benchmarks/generation/whole/poms.sh for benchmarks/run.sh: do not edit. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>dev.wxpay</groupId>
    <artifactId>wxpay-parent</artifactId>
    <version>0.1.0-SNAPSHOT</version>
    <relativePath>$ROOT/pom.xml</relativePath>
  </parent>
  <artifactId>$1</artifactId>
  <build>
    <plugins>
XML
}
tail_() {
  cat <<XML
    </plugins>
  </build>
</project>
XML
}
{
  head wxpay-benchmarks-whole-wxpay
  cat <<XML
      <plugin>
        <groupId>dev.wxpay</groupId>
        <artifactId>wxpay-maven-plugin</artifactId>
        <version>\${project.version}</version>
        <executions>
          <execution>
            <id>whole</id>
            <goals><goal>generate</goal></goals>
            <configuration>
              <packageName>dev.wxpay.whole</packageName>
              <products>
XML
  for name in "${NAMES[@]}"; do echo "                <product>$name</product>"; done
  cat <<XML
              </products>
            </configuration>
          </execution>
        </executions>
      </plugin>
XML
  tail_
} >"$OUT/wxpay/pom.xml"
{
  head wxpay-benchmarks-whole-stock
  cat <<XML
      <plugin>
        <groupId>org.openapitools</groupId>
        <artifactId>openapi-generator-maven-plugin</artifactId>
        <version>\${openapi-generator.version}</version>
        <configuration>
          <generatorName>java</generatorName>
          <library>native</library>
          <skipValidateSpec>true</skipValidateSpec>
          <generateApiTests>false</generateApiTests>
          <generateModelTests>false</generateModelTests>
          <configOptions>
            <openApiNullable>false</openApiNullable>
            <useJakartaEe>true</useJakartaEe>
            <dateLibrary>java8</dateLibrary>
            <hideGenerationTimestamp>true</hideGenerationTimestamp>
          </configOptions>
        </configuration>
        <executions>
XML
  for i in "${!NAMES[@]}"; do
    name=${NAMES[$i]}
    pkg="dev.wxpay.whole.$(echo "$name" | tr 'A-Z-' 'a-z_')"
    cat <<XML
          <execution>
            <id>$name</id>
            <goals><goal>generate</goal></goals>
            <configuration>
              <inputSpec>$V3/${FILES[$i]}</inputSpec>
              <output>\${project.build.directory}/generated-sources/openapi/$name</output>
              <apiPackage>$pkg.api</apiPackage>
              <modelPackage>$pkg.model</modelPackage>
              <invokerPackage>$pkg</invokerPackage>
            </configuration>
          </execution>
XML
  done
  echo "        </executions>"
  echo "      </plugin>"
  tail_
} >"$OUT/stock/pom.xml"
