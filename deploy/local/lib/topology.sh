# shellcheck shell=bash
# Reads deploy/topology.conf (the suite's kinds of process, names, ports and start order). Source this file,
# then call coffer_topology_load [FILE]; it fills, for every kind K in start order:
#   COFFER_KINDS                  the kinds, in start order
#   COFFER_MODULE[K]              Maven module (its jar: <module>/target/coffer-<module>.jar)
#   COFFER_INSTANCE[K]            instance name template ({i} = 1..count)
#   COFFER_PORT[K]                HTTP port of instance 1 (instance i: port+i-1)
#   COFFER_MANAGEMENT_PORT[K]     actuator port of instance 1, empty if none of its own
#   COFFER_CLUSTER_PORT[K]        Hazelcast port of instance 1, empty if not a cluster member
#   COFFER_COUNT[K]               default number of instances
#   COFFER_MAIN[K]                the class the jar runs instead of its own application, empty for its own
# coffer_topology_instance K I prints the name of instance I (1-based) of kind K.

declare -a COFFER_KINDS=()
declare -A COFFER_MODULE=() COFFER_INSTANCE=() COFFER_PORT=() COFFER_MANAGEMENT_PORT=() COFFER_CLUSTER_PORT=()
declare -A COFFER_COUNT=() COFFER_MAIN=()

coffer_topology_load() {
	local file=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/topology.conf}
	local line number=0 kind module instance port management cluster count main extra
	[[ -r $file ]] || {
		echo "error: cannot read the topology $file" >&2
		return 1
	}
	COFFER_KINDS=()
	while IFS= read -r line || [[ -n $line ]]; do
		number=$((number + 1))
		line=${line%%#*}
		[[ $line =~ [^[:space:]] ]] || continue
		read -r kind module instance port management cluster count main extra <<<"$line"
		if [[ -z $count || -n $extra ]]; then
			echo "error: $file:$number: expected 7 columns (kind module instance port management-port cluster-port count) and an optional main" >&2
			return 1
		fi
		if ! [[ $port =~ ^[0-9]+$ && $management =~ ^([0-9]+|-)$ && $cluster =~ ^([0-9]+|-)$ && $count =~ ^[1-9][0-9]*$ ]]; then
			echo "error: $file:$number: ports are numbers or -, count a positive number" >&2
			return 1
		fi
		if ((count > 1)) && [[ $instance != *'{i}'* ]]; then
			echo "error: $file:$number: $count instances of $kind need {i} in the instance name" >&2
			return 1
		fi
		if [[ -n ${COFFER_MODULE[$kind]:-} ]]; then
			echo "error: $file:$number: kind $kind is listed twice" >&2
			return 1
		fi
		COFFER_KINDS+=("$kind")
		COFFER_MODULE[$kind]=$module
		COFFER_INSTANCE[$kind]=$instance
		COFFER_PORT[$kind]=$port
		COFFER_MANAGEMENT_PORT[$kind]=${management#-}
		COFFER_CLUSTER_PORT[$kind]=${cluster#-}
		COFFER_COUNT[$kind]=$count
		main=${main:--}
		COFFER_MAIN[$kind]=${main#-}
	done <"$file"
	((${#COFFER_KINDS[@]} > 0)) || {
		echo "error: $file lists no process" >&2
		return 1
	}
}

coffer_topology_instance() {
	local template=${COFFER_INSTANCE[$1]}
	printf '%s\n' "${template//\{i\}/$2}"
}
