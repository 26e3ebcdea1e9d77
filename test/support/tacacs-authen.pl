use strict;
use Authen::TacacsPlus;
my ($port, $key, $user, $pass, $type) = @ARGV;
my $tac = Authen::TacacsPlus->new(Host => '127.0.0.1', Key => $key, Port => $port, Timeout => 5) or die "new: " . Authen::TacacsPlus::errmsg() . "\n";
my $t = $type eq 'PAP' ? &Authen::TacacsPlus::TAC_PLUS_AUTHEN_TYPE_PAP : &Authen::TacacsPlus::TAC_PLUS_AUTHEN_TYPE_ASCII;
my $ok = $tac->authen($user, $pass, $t);
print $ok ? "PASS\n" : "FAIL " . Authen::TacacsPlus::errmsg() . "\n";
$tac->close();
