/*
 * The scenario language of mmspec (.mms files).
 *
 * A scenario describes a machine, its files and processes, a timeline of memory actions and
 * the outcomes expected. Statements end at a newline or ';'. Comments run from '#' or '//' to
 * the end of the line.
 *
 * Only `at every after repeat expect kernel as` are reserved words. Every other keyword may
 * also name a process, a region or a disk (`r`, `s`, `text`, `parent`), through the
 * `identifier: IDENT | nonReserved` rule, the way SQL grammars keep non-reserved keywords.
 *
 * The grammar fixes the shape of a scenario only. Units, permissions, names of events,
 * metrics, advice values, GFP flags and the like are identifiers here and are validated by the
 * dsl (io.mmspec.dsl.parse and io.mmspec.dsl.check), which can say "did you mean".
 *
 * Entry rules: scenarioFile (a whole file), actionList and expectationList (scenario-language
 * fragments in Gherkin doc strings) and machineBody (the inside of a machine block).
 */
grammar Mms;

// ---------------------------------------------------------------------------------------------
// Entry rules
// ---------------------------------------------------------------------------------------------

scenarioFile
    : NL* SCENARIO name=string NL* '{' scenarioBody '}' sep? EOF
    ;

actionList
    : sep? (timelineStatement (sep timelineStatement)*)? sep? EOF
    ;

expectationList
    : sep? (expectation (sep expectation)*)? sep? EOF
    ;

machineBody
    : machineSettings EOF
    ;

sep
    : (NL | ';')+
    ;

scenarioBody
    : sep? (scenarioItem (sep scenarioItem)*)? sep?
    ;

scenarioItem
    : SEED value=number                                   #seedItem
    | machine                                             #machineItem
    | fileDecl                                            #fileItem
    | processDecl                                         #processItem
    | timelineStatement                                   #timelineItem
    | expectation                                         #expectationItem
    ;

// ---------------------------------------------------------------------------------------------
// Machine
// ---------------------------------------------------------------------------------------------

machine
    : MACHINE NL* '{' machineSettings '}'
    ;

machineSettings
    : sep? (machineSetting (sep machineSetting)*)? sep?
    ;

machineSetting
    : RAM size=quantity                                                   #ramSetting
    | CPUS count=number                                                   #cpusSetting
    | NUMA NODES count=number                                             #numaSetting
    | NODE id=number (RAM size=quantity)? (CPUS cpus=number)?             #nodeSetting
    | ZONES zoneSpec (',' zoneSpec)*                                      #zonesSetting
    | SWAP size=quantity ON disk=identifier (PRIORITY priority=number)?   #swapSetting
    | DISK name=identifier (LATENCY latency=quantity)? (BANDWIDTH bandwidth=rate)?  #diskSetting
    | WATERMARKS MIN min=number minUnit=identifier? LOW low=number lowUnit=identifier?
      HIGH high=number unit=identifier                                    #watermarksSetting
    | MIN_FREE_KBYTES value=number                                        #minFreeKbytesSetting
    | THP value=identifier                                                 #thpSetting
    | ASLR (ON | OFF)                                                     #aslrSetting
    | SWAPPINESS value=number                                             #swappinessSetting
    | OVERCOMMIT value=identifier (RATIO ratio=number)?                    #overcommitSetting
    | READAHEAD size=quantity                                             #readaheadSetting
    | FAULT_AROUND size=quantity                                          #faultAroundSetting
    | COST name=identifier value=quantity                                 #costSetting
    | WX (DENY | ALLOW)                                                   #wxSetting
    | PAGE_CLUSTER value=number                                           #pageClusterSetting
    | DIRTY_RATIO value=number                                            #dirtyRatioSetting
    | DIRTY_BACKGROUND_RATIO value=number                                 #dirtyBackgroundRatioSetting
    | DIRTY_EXPIRE value=quantity                                         #dirtyExpireSetting
    | DIRTY_WRITEBACK value=quantity                                      #dirtyWritebackSetting
    | SLUB_DEBUG (ON | OFF)                                               #slubDebugSetting
    ;

zoneSpec
    : name=identifier size=quantity?
    ;

// ---------------------------------------------------------------------------------------------
// Files and processes
// ---------------------------------------------------------------------------------------------

fileDecl
    : FILE path=string (SIZE size=quantity)? (ON disk=identifier)? (CONTENTS contents=string)?
      layout?
    ;

layout
    : '{' NL* section ((',' | sep) section)* ','? NL* '}'
    ;

section
    : name=identifier size=quantity
    ;

processDecl
    : PROCESS name=identifier processOption*
    ;

processOption
    : PID pid=number                                      #pidOption
    | PARENT parent=identifier                            #parentOption
    | UID uid=number                                      #uidOption
    | OOM_SCORE_ADJ adj=number                            #oomScoreAdjOption
    | NICE nice=number                                    #niceOption
    | USES size=quantity (AS name=identifier)?          #usesOption
    ;

// ---------------------------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------------------------

timelineStatement
    : timing label=string? (':' single=action | NL* '{' actionBlock '}')
    ;

timing
    : AT time=quantity                                                    #atTiming
    | AFTER delay=quantity                                                #afterTiming
    | EVERY period=quantity FROM start=quantity TO end=quantity           #everyTiming
    | REPEAT count=number TIMES (EVERY period=quantity)? (FROM start=quantity)?   #repeatTiming
    ;

actionBlock
    : sep? (action (sep action)*)? sep?
    ;

action
    : KERNEL kernelAction                                 #kernelActionLine
    | (KILL | KILLS) target=identifier (WITH signal=identifier)?   #outsideKillLine
    | subject=identifier processAction                    #processActionLine
    ;

processAction
    : FORKS child=identifier (PID pid=number)?                                    #forkAction
    | EXECS path=string                                                           #execAction
    | EXITS (WITH? CODE code=number)?                                             #exitAction
    | (KILLS | KILL) target=identifier (WITH signal=identifier)?                  #killAction
    | MAPS name=identifier mapSource length=quantity (OFFSET offset=quantity)?
      perm=permission sharing=(SHARED | PRIVATE)? mapOption*                      #mapAction
    | UNMAPS target=region                                                        #unmapAction
    | REMAPS target=region length=quantity                                        #remapAction
    | PROTECTS target=region perm=permission                                      #protectAction
    | ADVISES FILE path=string advice=identifier                                  #fadviseAction
    | ADVISES target=region advice=identifier                                     #adviseAction
    | LOCKS target=region ONFAULT?                                                #lockAction
    | UNLOCKS target=region                                                       #unlockAction
    | ALLOCATES size=quantity (AS name=identifier)?                             #allocateAction
    | FREES target=region                                                         #freeAction
    | TOUCHES target=region                                                       #touchAction
    | READS FILE path=string fileAccess?                                          #fileReadAction
    | READS target=region accessPattern?                                          #readAction
    | WRITES FILE path=string (data=string | size=quantity) (AT offset=quantity)? #fileWriteAction
    | WRITES data=string AT target=region                                         #writeAction
    | EXECUTES target=region accessPattern?                                       #executeAction
    | FSYNCS path=string                                                          #fsyncAction
    | REPLAYS path=string                                                         #replayAction
    ;

mapSource
    : ANON                                                #anonSource
    | FILE path=string                                    #fileSource
    ;

mapOption
    : POPULATE                                            #populateOption
    | AT address=HEX                                      #fixedAddressOption
    | HUGE                                                #hugeOption
    ;

accessPattern
    : SEQUENTIALLY length=quantity?                       #sequentialAccess
    | RANDOMLY count=number TIMES                         #randomAccess
    | EVERY stride=quantity                               #strideAccess
    | count=number TIMES                                  #repeatedAccess
    ;

fileAccess
    : length=quantity (AT offset=quantity)?               #rangeFileAccess
    | SEQUENTIALLY                                        #sequentialFileAccess
    | RANDOMLY count=number TIMES                         #randomFileAccess
    ;

kernelAction
    : KMALLOCS size=quantity gfpFlags? (NODE node=number)? AS name=identifier          #kmallocAction
    | KFREES NULL                                                                      #kfreeNullAction
    | KFREES name=identifier                                                           #kfreeAction
    | CREATES CACHE cache=string SIZE size=quantity (ALIGN align=quantity)?
      (FLAGS cacheFlag+=identifier (','? cacheFlag+=identifier)*)?                     #cacheCreateAction
    | ALLOCATES FROM CACHE cache=string gfpFlags? AS name=identifier                   #cacheAllocAction
    | ALLOCATES PAGES ORDER order=number gfpFlags? (NODE node=number)? AS name=identifier  #allocPagesAction
    | FREES PAGES name=identifier                                                      #freePagesAction
    | FREES name=identifier TO CACHE cache=string                                      #cacheFreeAction
    | DESTROYS CACHE cache=string                                                      #cacheDestroyAction
    | VMALLOCS size=quantity AS name=identifier                                        #vmallocAction
    | VFREES name=identifier                                                           #vfreeAction
    | WRITES data=string AT target=region                                              #kernelWriteAction
    | DROPS CACHES what=number?                                                        #dropCachesAction
    | COMPACTS                                                                         #compactAction
    | SYNCS                                                                            #syncAction
    | MIGRATES target=region OF process=identifier (TO NODE node=number)?              #migrateAction
    ;

gfpFlags
    : GFP? gfpFlag ('|'? gfpFlag)*
    ;

gfpFlag
    : KERNEL
    | identifier
    ;

// ---------------------------------------------------------------------------------------------
// Expectations
// ---------------------------------------------------------------------------------------------

expectation
    : EXPECT expectWhen? points? label=string? ':' predicate
    ;

expectWhen
    : AT time=quantity                                    #expectAt
    | BY time=quantity                                    #expectBy
    | NEVER                                               #expectNever
    | ALWAYS                                              #expectAlways
    ;

points
    : '[' value=number (POINTS | POINT) ']'
    ;

predicate
    : EVENT name=identifier (FOR process=identifier)? eventCount? eventWindow?   #eventPredicate
    | ACTION label=string SUCCEEDED                                              #actionSucceededPredicate
    | ACTION label=string FAILED (WITH errno=identifier)?                        #actionFailedPredicate
    | DMESG CONTAINS text=string                                                 #dmesgPredicate
    | FILE path=string HOLDS data=string AT offset=quantity                      #fileHoldsPredicate
    | left=metric op=comparator right=operand                                    #comparePredicate
    | target=region OF process=identifier IS state=(RESIDENT | SWAPPED | UNMAPPED | HUGE) #regionStatePredicate
    | target=region OF process=identifier HAS count=number VMAS                  #regionVmasPredicate
    | process=identifier READS data=string AT target=region                      #readsBackPredicate
    | process=identifier ALIVE                                                   #alivePredicate
    | process=identifier EXITED (WITH CODE code=number)?                         #exitedPredicate
    | process=identifier KILLED (BY cause=identifier (AT target=region)?)?       #killedPredicate
    ;

eventCount
    : COUNT op=comparator value=number
    ;

eventWindow
    : BEFORE EVENT other=identifier                       #beforeEventWindow
    | AFTER EVENT other=identifier                        #afterEventWindow
    | BEFORE time=quantity                                #beforeWindow
    | AFTER time=quantity                                 #afterWindow
    | BETWEEN start=quantity AND end=quantity             #betweenWindow
    ;

metric
    : VMSTAT '.' name=identifier                                          #vmstatMetric
    | MEMINFO '.' field=identifier ('(' qualifier=identifier ')')?        #meminfoMetric
    | ZONE zone=string '.' field=identifier                               #zoneMetric
    | BUDDYINFO zone=string ORDER order=number                            #buddyinfoMetric
    | SLAB cache=string '.' field=identifier                              #slabMetric
    | FILE path=string '.' field=identifier                               #fileMetric
    | SWAP '.' field=identifier                                           #swapMetric
    | TLB '.' field=identifier                                            #tlbMetric
    | process=identifier '.' field+=identifier ('.' field+=identifier)*   #processMetric
    ;

operand
    : metric                                              #metricOperand
    | number unit=identifier?                             #amountOperand
    ;

comparator
    : EQ | NE | LT | LE | GT | GE
    ;

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

region
    : name=identifier                                                     #namedRegion
    | name=identifier '+' offset=quantity                                 #offsetRegion
    | name=identifier '[' from=quantity '..' to=quantity ']'              #sliceRegion
    | address=HEX                                                         #addressRegion
    ;

permission
    : PERM
    | identifier
    ;

quantity
    : number unit=identifier
    ;

rate
    : number unit=identifier '/' per=identifier
    ;

number
    : MINUS? NUMBER
    ;

string
    : STRING
    ;

identifier
    : IDENT
    | nonReserved
    ;

// Every keyword but the reserved ones (at every after repeat expect kernel as).
nonReserved
    : ACTION | ALIGN | ALIVE | ALLOCATES | ALLOW | ALWAYS | AND | ANON | ASLR | ADVISES
    | BANDWIDTH | BEFORE | BETWEEN | BUDDYINFO | BY
    | CACHE | CACHES | CODE | COMPACTS | CONTAINS | CONTENTS | COST | COUNT | CPUS | CREATES
    | DENY | DESTROYS | DIRTY_BACKGROUND_RATIO | DIRTY_EXPIRE | DIRTY_RATIO | DIRTY_WRITEBACK
    | DISK | DMESG | DROPS
    | EVENT | EXECS | EXECUTES | EXITED | EXITS
    | FAILED | FAULT_AROUND | FILE | FLAGS | FOR | FORKS | FREES | FROM | FSYNCS
    | GFP | HAS | HIGH | HOLDS | HUGE | IS | KFREES | KILL | KILLED | KILLS | KMALLOCS
    | LATENCY | LOCKS | LOW | MACHINE | MAPS | MEMINFO | MIGRATES | MIN | MIN_FREE_KBYTES
    | NEVER | NICE | NODE | NODES | NULL | NUMA | OF | OFF | OFFSET | ON | ONFAULT
    | OOM_SCORE_ADJ | ORDER | OVERCOMMIT
    | PAGE_CLUSTER | PAGES | PARENT | PID | POINT | POINTS | POPULATE | PRIORITY | PRIVATE
    | PROCESS | PROTECTS
    | RAM | RANDOMLY | RATIO | READAHEAD | READS | REMAPS | REPLAYS | RESIDENT
    | SCENARIO | SEED | SEQUENTIALLY | SHARED | SIZE | SLAB | SLUB_DEBUG | SUCCEEDED | SWAP
    | SWAPPED | SWAPPINESS | SYNCS
    | THP | TIMES | TLB | TO | TOUCHES | UID | UNLOCKS | UNMAPPED | UNMAPS | USES
    | VFREES | VMALLOCS | VMAS | VMSTAT | WATERMARKS | WITH | WRITES | WX | ZONE | ZONES
    ;

// ---------------------------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------------------------

// Reserved words.
AT: 'at';
EVERY: 'every';
AFTER: 'after';
REPEAT: 'repeat';
EXPECT: 'expect';
KERNEL: 'kernel';
AS: 'as';

// Non-reserved keywords.
ACTION: 'action';
ADVISES: 'advises';
ALIGN: 'align';
ALIVE: 'alive';
ALLOCATES: 'allocates';
ALLOW: 'allow';
ALWAYS: 'always';
AND: 'and';
ANON: 'anon';
ASLR: 'aslr';
BANDWIDTH: 'bandwidth';
BEFORE: 'before';
BETWEEN: 'between';
BUDDYINFO: 'buddyinfo';
BY: 'by';
CACHE: 'cache';
CACHES: 'caches';
CODE: 'code';
COMPACTS: 'compacts';
CONTAINS: 'contains';
CONTENTS: 'contents';
COST: 'cost';
COUNT: 'count';
CPUS: 'cpus';
CREATES: 'creates';
DENY: 'deny';
DESTROYS: 'destroys';
DIRTY_BACKGROUND_RATIO: 'dirty_background_ratio';
DIRTY_EXPIRE: 'dirty_expire';
DIRTY_RATIO: 'dirty_ratio';
DIRTY_WRITEBACK: 'dirty_writeback';
DISK: 'disk';
DMESG: 'dmesg';
DROPS: 'drops';
EVENT: 'event';
EXECS: 'execs';
EXECUTES: 'executes';
EXITED: 'exited';
EXITS: 'exits';
FAILED: 'failed';
FAULT_AROUND: 'fault_around';
FILE: 'file';
FLAGS: 'flags';
FOR: 'for';
FORKS: 'forks';
FREES: 'frees';
FROM: 'from';
FSYNCS: 'fsyncs';
GFP: 'gfp';
HAS: 'has';
HIGH: 'high';
HOLDS: 'holds';
HUGE: 'huge';
IS: 'is';
KFREES: 'kfrees';
KILL: 'kill';
KILLED: 'killed';
KILLS: 'kills';
KMALLOCS: 'kmallocs';
LATENCY: 'latency';
LOCKS: 'locks';
LOW: 'low';
MACHINE: 'machine';
MAPS: 'maps';
MEMINFO: 'meminfo';
MIGRATES: 'migrates';
MIN: 'min';
MIN_FREE_KBYTES: 'min_free_kbytes';
NEVER: 'never';
NICE: 'nice';
NODE: 'node';
NODES: 'nodes';
NULL: 'null';
NUMA: 'numa';
OF: 'of';
OFF: 'off';
OFFSET: 'offset';
ON: 'on';
ONFAULT: 'onfault';
OOM_SCORE_ADJ: 'oom_score_adj';
ORDER: 'order';
OVERCOMMIT: 'overcommit';
PAGE_CLUSTER: 'page_cluster';
PAGES: 'pages';
PARENT: 'parent';
PID: 'pid';
POINT: 'point';
POINTS: 'points';
POPULATE: 'populate';
PRIORITY: 'priority';
PRIVATE: 'private';
PROCESS: 'process';
PROTECTS: 'protects';
RAM: 'ram';
RANDOMLY: 'randomly';
RATIO: 'ratio';
READAHEAD: 'readahead';
READS: 'reads';
REMAPS: 'remaps';
REPLAYS: 'replays';
RESIDENT: 'resident';
SCENARIO: 'scenario';
SEED: 'seed';
SEQUENTIALLY: 'sequentially';
SHARED: 'shared';
SIZE: 'size';
SLAB: 'slab';
SLUB_DEBUG: 'slub_debug';
SUCCEEDED: 'succeeded';
SWAP: 'swap';
SWAPPED: 'swapped';
SWAPPINESS: 'swappiness';
SYNCS: 'syncs';
THP: 'thp';
TIMES: 'times';
TLB: 'tlb';
TO: 'to';
TOUCHES: 'touches';
UID: 'uid';
UNLOCKS: 'unlocks';
UNMAPPED: 'unmapped';
UNMAPS: 'unmaps';
USES: 'uses';
VFREES: 'vfrees';
VMALLOCS: 'vmallocs';
VMAS: 'vmas';
VMSTAT: 'vmstat';
WATERMARKS: 'watermarks';
WITH: 'with';
WRITES: 'writes';
WX: 'wx';
ZONE: 'zone';
ZONES: 'zones';

EQ: '==';
NE: '!=';
LE: '<=';
GE: '>=';
LT: '<';
GT: '>';

LBRACE: '{';
RBRACE: '}';
LBRACKET: '[';
RBRACKET: ']';
LPAREN: '(';
RPAREN: ')';
DOTDOT: '..';
DOT: '.';
COMMA: ',';
COLON: ':';
SEMI: ';';
PLUS: '+';
MINUS: '-';
SLASH: '/';
PIPE: '|';

// A permission with at least one dash, as /proc/PID/maps prints it: rw-, r-x, r--, ---.
// Permissions without a dash (rw, rwx, r) are identifiers, checked by the dsl.
PERM
    : '-' [w-] [x-]
    | 'r' '-' [x-]
    | 'rw-'
    ;

HEX: '0' [xX] [0-9a-fA-F]+;
NUMBER: [0-9]+ ('.' [0-9]+)?;

IDENT: [a-zA-Z_] [a-zA-Z0-9_]*;

// Escapes are validated by the dsl, which reports a bad one at its exact column.
STRING: '"' (~["\\\r\n] | '\\' ~[\r\n])* '"';
UNTERMINATED_STRING: '"' (~["\\\r\n] | '\\' ~[\r\n])*;

COMMENT: ('#' | '//') ~[\r\n]* -> skip;
NL: '\r'? '\n' | '\r';
WS: [ \t\f]+ -> skip;

// Anything else is reported by the dsl as an unexpected character.
UNKNOWN_CHAR: .;
